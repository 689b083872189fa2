# Commands (menu descriptions)
cmd-report = Звіт по замовленнях (XLSX)

# P3 Orders report
report-choose-period = За який період зібрати звіт?
report-period-today = Сьогодні
report-period-yesterday = Вчора
report-period-week = 7 днів
report-period-month = Цей місяць
report-choose-store = По якому магазину?
report-all-stores = Усі магазини
report-no-stores = Немає магазинів, доступних вам для звіту.
report-building = Збираю звіт: { $period }…
report-caption = Замовлення: { $period }, { $store }. Усього: { $orders }.
report-sheet-orders = Замовлення
report-sheet-summary = Підсумок
report-col-number = Номер
report-col-date = Дата
report-col-store = Магазин
report-col-buyer = Покупець
report-col-phone = Телефон
report-col-status = Статус
report-col-stage = Етап
report-col-payment = Оплата
report-col-delivery = Доставка
report-col-items = Товарів, шт.
report-col-total = Сума, грн
report-col-manager = Менеджер
report-col-orders = Замовлень
report-stage-new = Нове
report-stage-processing = В роботі
report-stage-done = Виконано
report-stage-cancelled = Скасовано
report-store-total = Разом по магазину
report-grand-total = Разом

# J4 Daily summary
summary-orders = Замовлень: { $value }
summary-revenue = Виручка: { $value }
summary-cancellations = Скасувань: { $value }
summary-auto-accepted = Прийнято автоматично: { $value }
summary-unanswered = Повідомлень без відповіді: { $value }
summary-nothing = { $date }: за день жодного замовлення, скасування чи автоприйняття в жодному магазині.
summary-quiet-stores = Без змін за день: { $stores }.

# Commands (menu descriptions)
cmd-products = Товари: імпорт і прайс-лист Prom

# P1 Import products, P2 Prom price list
products-menu = Товари магазинів. Що зробити?
products-import = ⬇️ Імпортувати з магазину
products-price-list = 📄 Прайс-лист для Prom (XLSX)
products-no-stores = Ще немає жодного магазину. Спочатку підключіть магазин.
products-choose-import = З якого магазину імпортувати товари?
products-choose-price = Прайс-лист якого магазину зібрати?
products-import-started = Імпортую товари з «{ $store }»…
products-import-progress =
    Імпортую товари з «{ $store }»…
    Оброблено: { $seen } (нових { $created }, оновлено { $updated })
products-import-done =
    Імпорт з «{ $store }» завершено.
    Знайдено на маркетплейсі: { $seen }
    Нових: { $created }
    Оновлено: { $updated }
    Немає більше на маркетплейсі: { $unmatched }
products-import-busy = Імпорт цього магазину вже триває. Дочекайтеся його завершення.
products-store-gone = Цього магазину вже немає.
products-price-building = Збираю прайс-лист «{ $store }»…
products-price-empty = У «{ $store }» ще немає збережених товарів. Спершу імпортуйте їх.
products-price-caption = Прайс-лист «{ $store }» у форматі імпорту Prom: { $rows } товарів. Кількість уже зменшено на прийняті, але ще не відправлені замовлення.
file-too-large = Файл вийшов більшим за 50 МБ — стільки Telegram не приймає від ботів. Оберіть коротший період або один магазин.

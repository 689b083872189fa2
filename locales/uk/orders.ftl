# Order card
order-card-title = Замовлення №{ $number }
order-card-marketplace =
    { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
order-card-source = Джерело
# Prom's `source` codes (and any other marketplace's); an unknown code is shown as it came
order-card-source-code =
    { $source ->
        [portal] каталог Prom.ua
        [company_site] сайт магазину
        [company_cabinet] створено в кабінеті продавця
        [mobile_app] застосунок Prom.ua
        [mobile_catalog_app] застосунок-каталог Prom.ua
        [bigl] Bigl.ua
       *[other] { $source }
    }
order-card-status = Статус
order-card-stage = Етап
order-card-auto-accept-in = Автоприйняття о { $time } (через { $minutes } хв)
order-card-auto-accept-due = Автоприйняття ось-ось
order-card-auto-accept-held = Автоприйняття притримано
order-card-auto-accepted = Прийнято автоматично
order-card-returning = Постійний покупець, замовлень: { $count }
order-card-carrier =
    { $carrier ->
        [nova_poshta] Нова пошта
        [ukrposhta] Укрпошта
        [meest] Meest
        [rozetka_delivery] Rozetka Delivery
       *[other] { $carrier }
    }
order-card-recipient = Отримувач
order-card-ttn = ТТН
order-card-payment-status =
    { $status ->
        [paid] оплачено
        [unpaid] не оплачено
        [refunded] кошти повернено
        [paid_out] виплачено продавцю
       *[other] { $status }
    }
order-card-items = Товари
order-card-more-items =
    …і ще { $count } { $count ->
        [one] товар
        [few] товари
        [many] товарів
       *[other] товару
    }
order-card-total = Разом
order-card-comment = Коментар покупця
order-card-assignee = Відповідальний
order-card-unassigned = не призначено
order-card-action =
    { $action ->
        [accept] прийнято
        [cancel] скасовано
        [status] змінено статус
        [take] взято в роботу
        [hold] автоприйняття притримано
        [ttn] додано ТТН
        [auto-accept-failed] автоприйняття не вдалося
        [auto-accept] прийнято автоматично
       *[other] { $action }
    }
order-card-by-bot = бот
order-card-cancel-prompt = Оберіть причину скасування (✍️ — знадобиться пояснення):
order-card-button-accept = ✅ Прийняти
order-card-button-cancel = ❌ Скасувати
order-card-button-take = 🙋 Беру в роботу
order-card-button-hold = ⏸ Притримати автоприйняття
order-card-button-ttn = 🚚 Додати ТТН
order-card-button-details = ℹ️ Деталі
order-card-button-open =
    🔗 Відкрити в { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
order-card-button-back = ← Назад
order-card-moved = Ця копія картки більше не оновлюється: актуальна — нижче в цьому чаті.
order-card-moved-answer = Ця копія застаріла. Актуальна картка замовлення — нижче в цьому чаті.

# Order actions
order-action-done = Готово ✅
order-action-refused = Маркетплейс відмовив: { $reason }
order-action-refused-plain = Маркетплейс не прийняв цю дію. Перевірте замовлення в кабінеті маркетплейсу.
order-action-credentials = Маркетплейс не приймає облікові дані цього магазину. Адміністратор має замінити їх: /stores → магазин → Замінити облікові дані.
order-action-unavailable = Маркетплейс зараз не відповідає. Спробуйте за хвилину.
order-action-not-found = Замовлення не знайдено або воно вам недоступне.
order-action-busy = Це замовлення вже обробляється. Зачекайте кілька секунд.
order-action-not-allowed = Ця дія вже недоступна для замовлення. Картку оновлено.
order-action-move-unavailable = Маркетплейс не дозволяє цей крок із поточного статусу замовлення. Картку оновлено — оберіть одну з дій, які там є зараз.
order-action-needs-text = Для цієї причини потрібен коментар.
# who got there first; the name stands after "—", never declined
order-action-done-by-other =
    { $action ->
        [accept] Замовлення вже прийнято
        [cancel] Замовлення вже скасовано
        [status] Статус замовлення вже змінено
        [ttn] ТТН до замовлення вже додано
       *[other] Замовлення вже оброблено
    } — { $by }. Картку оновлено.
order-action-done-by-bot =
    { $action ->
        [auto-accept] Замовлення вже прийнято автоматично.
       *[other] Замовлення вже оброблено автоматично.
    } Картку оновлено.
order-ttn-ask = Надішліть номер ТТН для замовлення №{ $number } у відповідь на це повідомлення (або /cancel).
order-ttn-invalid = Номер ТТН — це 10–20 цифр. Спробуйте ще раз або /cancel.
order-cancel-note-ask = Напишіть коментар до скасування замовлення №{ $number } (його побачить маркетплейс), або /cancel.
order-details-title = Замовлення №{ $number } — деталі

# Group digest (J5)
order-digest-title =
    { $count } { $count ->
        [one] нове замовлення
        [few] нові замовлення
        [many] нових замовлень
       *[other] нового замовлення
    } — найновіші першими
order-digest-hint = Щоб не засипати чат, картки зібрано в один список. Кнопка з номером відкриє картку.
order-digest-more = …і ще { $count }. Усі замовлення — у /orders.
order-card-changed = Ця картка змінилася, поки ви її читали. Ось як замовлення виглядає зараз — перевірте й натисніть ще раз.

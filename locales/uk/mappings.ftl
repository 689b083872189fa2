# S4 Mappings
mapping-button-statuses = 🔗 Статуси
mapping-button-payments = 🔗 Оплата
mapping-button-deliveries = 🔗 Доставка
mapping-button-unmap = — не зіставляти
mapping-button-add-item = ➕ Додати
mapping-button-edit-list = ✏️ Змінити список: { $list ->
        [stages] етапи
        [payments] способи оплати
       *[carriers] перевізники
    }
mapping-list-name = { $list ->
        [stages] Етапи
        [payments] Оплата
       *[carriers] Доставка
    }
mapping-list-title = { $kind ->
        [status] Статуси маркетплейсу → етапи магазину
        [payment] Способи оплати маркетплейсу → ваші способи оплати
       *[delivery] Способи доставки маркетплейсу → ваші перевізники
    } («{ $name }»). Натисніть рядок, щоб змінити.
mapping-none-offered = Маркетплейс не повідомив жодного значення для цього зіставлення («{ $name }»).
mapping-pick = «{ $label }» → { $kind ->
        [status] оберіть етап:
        [payment] оберіть спосіб оплати:
       *[delivery] оберіть перевізника:
    }
mapping-shop-list-title = { $list ->
        [stages] Етапи вашого магазину
        [payments] Ваші способи оплати
       *[carriers] Ваші перевізники
    }. ⬆ піднімає пункт вище, 🗑 видаляє його разом із зіставленнями.
mapping-ask-item = Надішліть назву нового пункту (до { $max } символів).
mapping-item-rejected = Не додано: такий пункт уже є або список заповнений.

# Stage on the order card
stage-button = 🏷 Етап ▸
stage-not-reachable = Цей етап зараз недоступний для замовлення.

# Buyer message card
message-card-title = Повідомлення покупця
message-card-marketplace =
    { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
message-card-buyer-unknown = Покупець
message-card-order = 📦 Замовлення №{ $number }
message-card-order-status = 📦 Замовлення №{ $number } — { $status }
message-card-product = 🛍 Товар: { $product }
message-card-attachment = Вкладення { $n }
message-card-continues = Текст довгий: продовження нижче (частин: { $parts })
message-card-answered = Відповів(-ла) { $name }, { $at }
message-card-read = Прочитано: { $name }, { $at }
message-card-button-reply = ✍️ Відповісти
message-card-button-templates = 📋 Шаблони
message-card-button-mark-read = 👁 Прочитано
message-card-button-open-order = 🔗 Замовлення

# Reply (conversation, preview, templates)
# a buyer's name is never declined: it stands after "·", not inside the sentence
message-reply-ask = Відповідь покупцю · { $buyer } ({ $store }). Напишіть її одним повідомленням. /cancel — вийти.
message-reply-empty = Порожню відповідь надіслати не можна. Напишіть текст.
message-templates-choose = Оберіть шаблон відповіді:
message-templates-none = Для цього магазину ще немає шаблонів відповідей.
message-preview-title = Відповідь покупцю · { $buyer } ({ $store }):
message-preview-length = Символів: { $length } із { $max }
message-preview-button-send = ✅ Надіслати
message-preview-button-edit = ✏️ Змінити
message-preview-button-cancel = ✖️ Скасувати
message-reply-sent = Відповідь надіслано покупцю.
message-reply-discarded = Чернетку відповіді видалено.
message-reply-too-long = Відповідь задовга: { $length } символів, а маркетплейс приймає щонайбільше { $max } (разом із підписом). Скоротіть її кнопкою «Змінити» — чернетку збережено.
message-reply-refused = Маркетплейс не прийняв відповідь: { $reason }. Чернетку збережено — виправте її або надішліть ще раз.
message-reply-refused-plain = Маркетплейс не прийняв відповідь. Чернетку збережено — спробуйте ще раз.

# Mark read and refusals
message-marked-read = Позначено прочитаним.
message-action-not-found = Це повідомлення або чернетку вже не знайти.
message-action-not-allowed = Цей магазин вам не доручено, тож відповідати тут не можна.
message-action-busy = Цю відповідь уже надсилають. Зачекайте кілька секунд.
message-action-unavailable = Маркетплейс зараз не відповідає. Чернетку збережено — спробуйте за хвилину.
message-action-refused = Маркетплейс відмовив: { $reason }

# Order details (M4)
message-order-thread = Листування з покупцем

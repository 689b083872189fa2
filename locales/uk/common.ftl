# Commands (menu descriptions)
cmd-start = Почати роботу
cmd-help = Що вміє бот
cmd-language = Мова інтерфейсу
cmd-cancel = Скасувати поточну дію

# Access
access-refused = Вибачте, цей бот працює лише для команди магазину. Якщо ви з команди, попросіть адміністратора надіслати вам запрошення.
access-admins-only = Це може зробити лише адміністратор.

# Start and help
start-welcome =
    Вітаю, { $name }! Я MarketDesk — пульт вашого магазину на Prom.ua та Rozetka.
    Нові замовлення та повідомлення покупців приходитимуть сюди, а керувати ними можна кнопками під повідомленнями.
    Команда /help покаже все, що я вмію.
help-text =
    <b>Що я вмію</b>
    /start — привітання
    /order — знайти замовлення за номером, телефоном чи іменем
    /orders — список замовлень з фільтрами
    /language — змінити мову
    /cancel — вийти з поточного діалогу
    /help — ця довідка

# Language
language-choose = Оберіть мову інтерфейсу:
language-changed = Готово, тепер я розмовляю українською.
language-uk = 🇺🇦 Українська
language-en = 🇬🇧 English

# Fallbacks
unhandled-callback = Ця кнопка вже не діє. Відкрийте свіже повідомлення.
unhandled-message = Не зрозумів. Команда /help покаже, що я вмію.
error-generic = Щось пішло не так. Спробуйте ще раз за хвилину — деталі вже в журналі.
cancelled = Скасовано.

# Shared by the admin menus
admin-back = ⬅️ Назад
admin-saved = Збережено ✅
admin-not-found = Цього вже немає (або кнопка не для вас). Відкрийте меню заново.
admin-no-stores = Ще не підключено жодного магазину.

# Roles
team-role-admin = адміністратор
team-role-manager = менеджер
team-all-stores = усі магазини
team-no-stores = жодного магазину

# S5 invitations
invite-choose-role = Кого запрошуємо?
invite-choose-stores = Які магазини бачитиме менеджер? Позначте потрібні й натисніть «Створити посилання» — або оберіть «Усі магазини».
invite-all-stores = Усі магазини
invite-create-link = Створити посилання
invite-link =
    Запрошення для ролі «{ $role }» ({ $stores }).
    Надішліть це посилання людині — воно спрацює один раз і діє до { $until }:
    { $link }
invite-welcome = Вітаю, { $name }! Ви в команді магазину, ваша роль — { $role }. Нові замовлення приходитимуть сюди.
invite-refused-invalid = Це запрошення не знайдено. Перевірте посилання або попросіть нове в адміністратора.
invite-refused-expired = Термін дії запрошення минув. Попросіть в адміністратора нове.
invite-refused-used = Це запрошення вже використано. Попросіть в адміністратора нове.
invite-refused-rate-limited = Забагато невдалих спроб. Спробуйте пізніше або попросіть в адміністратора нове посилання.

# S5 /users
team-list = Команда: { $count }. Оберіть людину:
team-member =
    <b>{ $name }</b>
    Роль: { $role }
    Магазини: { $stores }
team-from-environment = Адміністратор із налаштувань сервера (ADMIN_IDS): змінити його можна лише там.
team-make-admin = 👑 Зробити адміністратором
team-make-manager = 👤 Зробити менеджером
team-stores = 🏪 Магазини
team-stores-choose = Які магазини бачить { $name }?
team-remove = 🚫 Видалити з команди
team-remove-confirm = Видалити з команди: { $name }? Бот перестане відповідати цій людині.
team-remove-yes = Так, видалити
team-removed = Видалено.

# S7 quiet hours of one's own chat
quiet-off = Вимкнено
quiet-choose = Тихі години вашого чату (зараз: { $current }, час { $tz }). У цей час повідомлення приходять без звуку, а вранці — зведення.
quiet-set = Тихі години: { $window }.
cmd-users = Команда та ролі
cmd-invite = Запросити в команду
cmd-quiet = Тихі години для мого чату

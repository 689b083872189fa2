# S1 Connect a store
connect-choose-marketplace = Підключаємо магазин. Оберіть маркетплейс:
connect-marketplace-chosen = Маркетплейс: { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
connect-ask-name = Як назвати магазин? Надішліть назву (до { $max } символів).
connect-name-invalid = Назва має бути від 1 до { $max } символів. Спробуйте ще раз.
connect-rozetka-ask-kind = Як бот входитиме в Rozetka? Найпростіше — API-токен: кабінет продавця → Налаштування → «Безпека API» → «Генерувати API токен» (для ролі з доступом до замовлень і листування). Або логін і пароль від кабінету.
connect-rozetka-kind-api-token = 🔑 У мене є API-токен з кабінету
connect-rozetka-kind-password = 👤 Логін і пароль
connect-ask-rozetka-token = Надішліть API-токен Rozetka (кабінет → Налаштування → «Безпека API»). Повідомлення з токеном я одразу видалю з чату.
connect-missing-permission = Rozetka прийняла ці дані, але ролі бракує доступу до розділу «{ $permission ->
        [orders] Замовлення
       *[correspondence] Моє листування
    }». Дайте ролі цей доступ або згенеруйте токен для ролі, яка його має, і надішліть ще раз. Нічого не збережено.
connect-ask-login = Надішліть логін продавця Rozetka.
connect-ask-token = Надішліть API-токен Prom (Налаштування → Управління API-токенами). Повідомлення з токеном я одразу видалю з чату.
connect-ask-password = Надішліть пароль від кабінету продавця Rozetka. Повідомлення з паролем я одразу видалю з чату.
connect-checking = Перевіряю доступ до маркетплейсу…
connect-wrong-credentials = Маркетплейс не прийняв ці дані. Нічого не збережено — надішліть їх ще раз.
connect-unavailable = Маркетплейс зараз не відповідає. Нічого не збережено — надішліть дані ще раз трохи згодом.
connect-gave-up = Не вдалося підключити магазин, нічого не збережено. Почніть знову командою /connect.
connect-secret-missed = Щось пішло не так із прийманням ключа. Почніть знову командою /connect.
connect-delete-yourself = Не вдалося видалити повідомлення з ключем — видаліть його, будь ласка, самі.
connect-done = Магазин «{ $name }» підключено ({ $hint }). Замовлення вже завантажуються.
replace-credentials-start = Замінюємо облікові дані магазину «{ $name }». Його налаштування, відповідності й історія замовлень залишаться.
replace-credentials-done = Нові облікові дані магазину «{ $name }» перевірено й збережено. Магазин знову синхронізується.
connect-no-key = Підключити магазин поки не можна: у налаштуваннях бота не задано ключ шифрування ENCRYPTION_KEYS. Попросіть того, хто встановлював бота, додати його.
connect-button-open = ⚙️ Налаштування магазину

# S2 Stores
stores-list-title = Ваші магазини ({ $count }). Оберіть магазин, щоб змінити його:
stores-list-empty = Магазинів ще немає. Підключіть перший:
stores-marketplace = { $marketplace ->
        [prom] Prom.ua
       *[rozetka] Rozetka
    }
stores-status = { $status ->
        [active] працює
        [paused] на паузі
       *[failing] помилки синхронізації
    }
stores-button-connect = ➕ Підключити магазин
stores-button-lists = 🗂 Етапи, оплата, доставка
stores-button-rename = ✏️ Назва
stores-button-pause = ⏸ Пауза
stores-button-resume = ▶️ Відновити
stores-button-source = 🏷 Мітка джерела
stores-button-manager = 🙋 Відповідальний
stores-button-auto-accept = 🤖 Автоприйняття
stores-button-hours = 🕘 Робочі години
stores-button-poll = 🔄 Частота опитування
stores-button-imported = 📥 Статуси для імпорту
stores-button-signature = ✍️ Підпис
stores-button-templates = 💬 Шаблони відповідей
stores-button-replace-credentials = 🔑 Замінити облікові дані
stores-button-delete = 🗑 Видалити магазин
stores-button-delete-yes = Так, видалити
stores-button-delete-no = Ні, залишити
stores-button-all = « Усі магазини
stores-button-back = « Назад
stores-button-clear = Очистити
stores-button-hours-set = Задати години
stores-button-signature-set = Задати підпис
stores-button-template-add = ➕ Додати шаблон
stores-delete-confirm = Видалити магазин «{ $name }»? Бот перестане його опитувати, зіставлення зникнуть. Уже отримані замовлення залишаться в історії.
stores-deleted = Магазин «{ $name }» видалено.
stores-paused = Магазин на паузі: опитування зупинено.
stores-resumed = Магазин знову працює.
stores-saved = Збережено ✅
stores-not-found = Магазин не знайдено або він вам недоступний.
stores-marketplace-unavailable = Маркетплейс зараз не відповідає. Спробуйте за хвилину.
stores-none = —
stores-off = вимкнено
stores-minutes = { $count } хв
stores-seconds = { $count } с

# S3 Settings
stores-field-status = Стан
stores-field-credentials = Ключ доступу
stores-field-source = Мітка джерела
stores-field-manager = Відповідальний
stores-field-auto-accept = Автоприйняття
stores-field-hours = Робочі години
stores-field-poll = Опитування
stores-field-imported = Імпорт статусів
stores-field-signature = Підпис
stores-field-templates = Шаблонів відповідей
stores-auto-accept-after = через { $minutes } хв
stores-hours-always = цілодобово
stores-imported-all = усі
stores-imported-some = обрано { $count }
stores-manager-choose = Хто відповідає за замовлення магазину «{ $name }»?
stores-manager-nobody = Ніхто
stores-auto-accept-choose = Через скільки хвилин приймати нове замовлення магазину «{ $name }» автоматично (у робочі години)?
stores-hours-explain = Робочі години магазину «{ $name }»: у цей час працює автоприйняття.
stores-poll-choose = Як часто опитувати магазин «{ $name }»?
stores-imported-explain = Замовлення з якими статусами імпортувати з магазину «{ $name }»? Натисніть, щоб увімкнути чи вимкнути.
stores-signature-explain = Підпис додається до кожної відповіді покупцю. Зараз: { $signature }
stores-templates-title = Шаблони відповідей магазину «{ $name }». Натисніть 🗑, щоб видалити.
stores-templates-empty = У магазину «{ $name }» ще немає шаблонів відповідей.
stores-template-deleted = Шаблон видалено.
stores-template-rejected = Шаблонів уже забагато — видаліть якийсь, щоб додати новий.
stores-ask-name = Надішліть нову назву магазину (до { $max } символів).
stores-ask-source = Надішліть мітку джерела замовлень (до { $max } символів), наприклад «Prom основний».
stores-ask-signature = Надішліть підпис для відповідей покупцям (до { $max } символів).
stores-ask-hours = Надішліть робочі години у вигляді 09:00-18:00.
stores-ask-template-title = Надішліть коротку назву шаблону (до { $max } символів) — вона буде на кнопці.
stores-ask-template-text = Тепер надішліть текст шаблону (до { $max } символів).
stores-input-invalid = Не підходить: потрібен текст до { $max } символів у правильному вигляді. Спробуйте ще раз або /cancel.

# Commands (menu descriptions)
cmd-stores = Магазини та їх налаштування
cmd-connect = Підключити магазин

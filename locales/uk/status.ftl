# J1/J2 /status
status-title = <b>Стан магазинів</b>
status-store = <b>{ $store }</b> ({ $marketplace }) — { $state }
status-state-active = працює
status-state-paused = на паузі
status-state-failing = збої
status-last-good = Остання вдала синхронізація: { $at }
status-last-error = Остання помилка: { $at } — { $error }
status-last-error-now = ⚠️ Зараз не синхронізується: { $at } — { $error }
status-no-errors = Помилок не було.
# the kind of a failed sync; its detail is in the operation log
sync-error =
    { $kind ->
        [auth] маркетплейс не приймає облікові дані
        [no_permission_orders] у ролі цих облікових даних немає дозволу «Замовлення»
        [no_permission_correspondence] у ролі цих облікових даних немає дозволу «Моя переписка»
        [undecryptable] облікові дані магазину не розшифровуються налаштованими ключами
        [refused] маркетплейс відмовив у запиті
        [not_found] маркетплейс відповів «не знайдено» (404)
        [rate_limited] маркетплейс обмежив частоту запитів
        [unavailable] маркетплейс не відповідає
        [bad_response] маркетплейс надіслав відповідь, яку не вдалося прочитати
       *[other] збій у самому боті (подробиці — в журналі)
    }
status-next-run = Наступний запуск: { $at }
status-never = ще не було
status-alert-auth = 🔑 Маркетплейс не приймає облікові дані — магазин на паузі.
status-alert-stale = ⏳ Давно не було вдалої синхронізації.
status-alert-undecryptable = 🔐 Облікові дані не розшифровуються налаштованими ключами — магазин на паузі.
status-sync-now = 🔄 Синхронізувати: { $store }
status-syncing = Синхронізую…
status-sync-paused = Магазин на паузі. Спершу відновіть його.
status-sync-done = ✅ { $store }: отримано { $fetched }, нових { $created }, змінених { $updated }.
status-sync-failed = ❌ { $store }: не вдалося — { $error }
status-blocked-chats = 🚫 Чатів команди, що заблокували бота: { $count }. Вони не отримують сповіщень, доки знову не напишуть боту (наприклад, /start).
status-dead-letters = ⚠️ Сповіщень, які не вдалося доставити після всіх спроб (за 7 днів): { $count }. Причину видно в журналі; повторювати їх не будемо.

# J3 alerts
alert-status-button = 📊 Стан магазинів
alert-auth =
    🔑 <b>{ $store }</b>: { $detail }.
    Магазин поставлено на паузу. Оновіть токен або пароль і відновіть магазин. /status — подробиці.
alert-stale =
    ⏳ <b>{ $store }</b>: давно не було вдалої синхронізації. Остання помилка: { $detail }.
    /status — подробиці.
alert-undecryptable =
    🔐 Облікові дані магазину <b>{ $store }</b> не вдається розшифрувати налаштованими ключами (ENCRYPTION_KEYS).
    Магазин поставлено на паузу. Поверніть ключ, яким їх зашифровано, або введіть облікові дані заново: /stores → магазин → Замінити облікові дані.
alert-recovered = ✅ <b>{ $store }</b>: синхронізація знову працює.
cmd-status = Стан синхронізації магазинів

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

# J3 alerts
alert-status-button = 📊 Стан магазинів
alert-auth =
    🔑 <b>{ $store }</b>: маркетплейс не приймає облікові дані ({ $detail }).
    Магазин поставлено на паузу. Оновіть токен або пароль і відновіть магазин. /status — подробиці.
alert-stale =
    ⏳ <b>{ $store }</b>: давно не було вдалої синхронізації. Остання помилка: { $detail }.
    /status — подробиці.
alert-undecryptable =
    🔐 Облікові дані магазину <b>{ $store }</b> не вдається розшифрувати налаштованими ключами (ENCRYPTION_KEYS).
    Магазин поставлено на паузу. Поверніть ключ, яким їх зашифровано, або введіть облікові дані заново: /stores → магазин → Замінити облікові дані.
alert-recovered = ✅ <b>{ $store }</b>: синхронізація знову працює.
cmd-status = Стан синхронізації магазинів (адміністратор)

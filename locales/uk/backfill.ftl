# Backfill (O6)
cmd-backfill = Імпортувати замовлення за минулий період
backfill-no-stores = Немає активних магазинів. Спершу підключіть магазин.
backfill-choose-store = Замовлення якого магазину імпортувати?
backfill-choose-period = За який період?
backfill-days = { $days } днів
backfill-started = Імпортую замовлення «{ $store }» за { $days } днів… Картки в чати не надсилатимуться.
backfill-progress = Імпорт триває: отримано { $fetched }, оброблено { $stored } (нових { $created }, оновлено { $updated }).
backfill-done = Імпорт завершено: отримано { $fetched }, нових { $created }, оновлено { $updated }. Знайти замовлення можна через /orders.
backfill-failed = Імпорт не вдався: маркетплейс не відповів. Спробуйте пізніше — вже імпортоване збережено.
backfill-store-gone = Магазин більше не існує.

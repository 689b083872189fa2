# Backfill (O6)
cmd-backfill = Import the orders of a past period
backfill-no-stores = There are no active stores. Connect a store first.
backfill-choose-store = Which store's orders should I import?
backfill-choose-period = For what period?
backfill-days = { $days } days
backfill-started = Importing the orders of “{ $store }” for { $days } days… No cards will be sent to the chats.
backfill-progress = Importing: { $fetched } received, { $stored } processed ({ $created } new, { $updated } updated).
backfill-done = Import finished: { $fetched } received, { $created } new, { $updated } updated. Find them with /orders.
backfill-failed = The import failed: the marketplace did not answer. Try again later — what was imported is kept.
backfill-store-gone = The store no longer exists.

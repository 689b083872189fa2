# Commands (menu descriptions)
cmd-products = Products: import and Prom price list

# P1 Import products, P2 Prom price list
products-menu = Store products. What would you like to do?
products-import = ⬇️ Import from a store
products-price-list = 📄 Prom price list (XLSX)
products-no-stores = There are no stores yet. Connect a store first.
products-choose-import = Which store should products be imported from?
products-choose-price = Which store's price list should be built?
products-import-started = Importing products from “{ $store }”…
products-import-progress =
    Importing products from “{ $store }”…
    Processed: { $seen } ({ $created } new, { $updated } updated)
products-import-done =
    Import from “{ $store }” finished.
    Found on the marketplace: { $seen }
    New: { $created }
    Updated: { $updated }
    No longer on the marketplace: { $unmatched }
products-import-busy = An import of this store is already running. Please wait for it to finish.
products-store-gone = This store no longer exists.
products-price-building = Building the price list of “{ $store }”…
products-price-empty = “{ $store }” has no stored products yet. Import them first.
products-price-caption = Price list of “{ $store }” in Prom's import format: { $rows } products. Quantities already exclude accepted orders that have not shipped yet.
file-too-large = The file came out larger than 50 MB, more than Telegram accepts from bots. Choose a shorter period or a single store.

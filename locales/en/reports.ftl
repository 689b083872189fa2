# Commands (menu descriptions)
cmd-report = Orders report (XLSX)

# P3 Orders report
report-choose-period = Which period should the report cover?
report-period-today = Today
report-period-yesterday = Yesterday
report-period-week = 7 days
report-period-month = This month
report-choose-store = Which store?
report-all-stores = All stores
report-no-stores = There are no stores you can report on.
report-building = Building the report: { $period }…
report-caption = Orders: { $period }, { $store }. Total: { $orders }.
report-sheet-orders = Orders
report-sheet-summary = Summary
report-col-number = Number
report-col-date = Date
report-col-store = Store
report-col-buyer = Buyer
report-col-phone = Phone
report-col-status = Status
report-col-stage = Stage
report-col-payment = Payment
report-col-delivery = Delivery
report-col-items = Items, pcs
report-col-total = Total, UAH
report-col-manager = Manager
report-col-orders = Orders
report-stage-new = New
report-stage-processing = In progress
report-stage-done = Done
report-stage-cancelled = Cancelled
report-store-total = Store total
report-grand-total = Total

# J4 Daily summary
summary-orders = Orders: { $value }
summary-revenue = Revenue: { $value }
summary-cancellations = Cancellations: { $value }
summary-auto-accepted = Accepted automatically: { $value }
summary-unanswered = Buyer messages without an answer: { $value }
summary-nothing = { $date }: no orders, cancellations or auto-accepts in any store today.
summary-quiet-stores = Nothing new today: { $stores }.

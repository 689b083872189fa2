# Commands (menu descriptions)
cmd-start = Get started
cmd-help = What the bot can do
cmd-language = Interface language
cmd-cancel = Cancel the current action

# Access
access-refused = Sorry, this bot works only for the shop's team. If you are on the team, ask an admin to send you an invitation.
access-admins-only = Only an administrator can do this.
access-private-only = This is done only in a private chat with me, so tokens and settings stay out of the group. Message me privately: @{ $bot }

# Start and help
start-welcome =
    Hello, { $name }! I am MarketDesk, the console of your shop on Prom.ua and Rozetka.
    New orders and buyer messages will arrive here, and the buttons under them let you act on them.
    /help shows everything I can do.
help-heading = What I can do
help-cards = Orders and buyer messages arrive as cards: act with the buttons under them, and simply reply to a buyer's message to answer it.
help-admins = For admins

# Language
language-choose = Choose the interface language:
language-changed = Done, I speak English now.
language-uk = 🇺🇦 Українська
language-en = 🇬🇧 English

# Fallbacks
unhandled-callback = This button no longer works. Open a fresh message.
unhandled-message = I did not understand. /help shows what I can do.
error-generic = Something went wrong. Please try again in a minute; the details are in the log.
cancelled = Cancelled.

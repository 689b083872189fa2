# S5 Owner: the owner link a bot without an admin logs at start
owner-welcome =
    Welcome, { $name }! You are this bot's admin now.
    Start by connecting a store: /connect. /help shows everything I can do.
owner-link-invalid = This owner link was not found. Copy it again from the bot's log (the line "no admin yet").
owner-link-used = This owner link has been used already: the bot has an admin. Ask them to send you an invitation.
owner-no-admin-yet =
    This bot has no admin yet.
    If it is your bot: open the owner link from the bot's start-up log (the line "no admin yet"), or put your Telegram id { $id } in ADMIN_IDS and restart the bot.

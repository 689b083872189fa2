# Shared by the admin menus
admin-back = ⬅️ Back
admin-saved = Saved ✅
admin-not-found = This is gone (or the button is not for you). Open the menu again.
admin-no-stores = No store is connected yet.

# Roles
team-role-admin = administrator
team-role-manager = manager
team-all-stores = all stores
team-no-stores = no stores

# S5 invitations
invite-choose-role = Whom are you inviting?
invite-choose-stores = Which stores will the manager see? Tick them and tap "Create link", or choose "All stores".
invite-all-stores = All stores
invite-create-link = Create link
invite-link =
    Invitation for the role "{ $role }" ({ $stores }).
    Send this link to the person: it works once and is valid until { $until }:
    { $link }
invite-welcome = Welcome, { $name }! You are on the shop's team as { $role }. New orders will arrive here.
invite-refused-invalid = This invitation was not found. Check the link or ask an administrator for a new one.
invite-refused-expired = This invitation has expired. Ask an administrator for a new one.
invite-refused-used = This invitation has already been used. Ask an administrator for a new one.
invite-refused-rate-limited = Too many failed attempts. Try again later or ask an administrator for a new link.

# S5 /users
team-list = Team: { $count }. Choose a person:
team-member =
    <b>{ $name }</b>
    Role: { $role }
    Stores: { $stores }
team-from-environment = An administrator from the server settings (ADMIN_IDS): change it there.
team-make-admin = 👑 Make administrator
team-make-manager = 👤 Make manager
team-stores = 🏪 Stores
team-stores-choose = Which stores does { $name } see?
team-remove = 🚫 Remove from the team
team-remove-confirm = Remove { $name } from the team? The bot will stop answering them.
team-remove-yes = Yes, remove
team-removed = Removed.

# S7 quiet hours of one's own chat
quiet-off = Off
quiet-choose = Quiet hours of your chat (now: { $current }, { $tz } time). During them messages arrive without a sound, and a digest follows in the morning.
quiet-set = Quiet hours: { $window }.
cmd-users = Team and roles
cmd-invite = Invite to the team
cmd-quiet = Quiet hours for my chat

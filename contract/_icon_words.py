"""The icons an interface designer means by common words, where the icon set's own names and tags point elsewhere.

Tabler names its icons by what they draw, so a search by meaning can land on the wrong thing for a word of
interface speech: "cart" finds 'garden-cart' (a wheelbarrow), "warning" 'canary', "print" 'paw'. An icon set for an
app wants the icon every app uses for the word; these words take it before any search.
"""

from __future__ import annotations

UI_ICONS: dict[str, str] = {
    "cart": "shopping-cart", "basket": "basket", "bag": "shopping-bag", "shop": "building-store",
    "store": "building-store", "shipping": "truck", "delivery": "truck", "payment": "credit-card",
    "money": "cash", "profile": "user-circle", "account": "user-circle", "people": "users", "team": "users",
    "gear": "settings", "cog": "settings", "chat": "message-circle", "close": "x", "info": "info-circle",
    "warning": "alert-triangle", "alert": "alert-triangle", "error": "alert-circle", "question": "help-circle",
    "time": "clock", "image": "photo", "picture": "photo", "sort": "arrows-sort", "print": "printer",
    "delete": "trash", "add": "plus", "favorite": "heart", "favourite": "heart", "like": "thumb-up",
    "email": "mail", "exit": "logout", "done": "check", "grid": "layout-grid", "analytics": "chart-line",
    "stats": "chart-bar", "attach": "paperclip", "attachment": "paperclip", "rating": "star",
    "document": "file-text", "next": "arrow-right", "play": "player-play", "pause": "player-pause",
    "stop": "player-stop", "mute": "volume-off", "hide": "eye-off", "view": "eye", "options": "dots-vertical",
    "security": "shield-lock",
}  # fmt: skip

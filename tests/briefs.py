"""Example briefs with the strings and counts a reader finds in them: shared by planner, renderer and verifier tests."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BriefCase:
    """A brief, the canvas it is drawn on (None: the default), and the exact strings and counts it asks for."""

    name: str
    brief: str
    size: str | None
    texts: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def canvas_size(self) -> tuple[int, int]:
        """(width, height) of `size`, or 1024x1024 when it is None."""
        width, height = (self.size or "1024x1024").split("x")
        return int(width), int(height)


BRIEFS: list[BriefCase] = [
    BriefCase(
        "launch-poster",
        "A launch poster on a deep blue background. Headline 'GRAND OPENING'. Below it 'Saturday 10 AM'. "
        "Exactly 5 red balloons across the top.",
        "1024x1024",
        ["GRAND OPENING", "Saturday 10 AM"],
        {"balloon": 5},
    ),
    BriefCase(
        "birthday-card",
        'A birthday card with the headline "Happy 30th Birthday, Maya!", twenty candles on a cake in the middle '
        'and the footer "Love from all of us". She turns 30 in 2 days.',
        "768x1152",
        ["Happy 30th Birthday, Maya!", "Love from all of us"],
        {"candle": 20, "cake": 1},
    ),
    BriefCase(
        "bakery-menu",
        "A bakery menu on a cream background. Title “Morning Bakes”. Items: “Croissant $3”, “Cinnamon Roll $4” "
        "and “Sourdough Loaf $7”. Show 3 cupcakes at the bottom.",
        "768x1152",
        ["Morning Bakes", "Croissant $3", "Cinnamon Roll $4", "Sourdough Loaf $7"],
        {"cupcake": 3},
    ),
    BriefCase(
        "coffee-label",
        "Product label for a coffee bag, brand colour #6F4E37. Headline 'Dark Roast No. 5' with the tagline "
        "'Smooth, bold, fair trade'. Two coffee cups in the top-left corner. Net weight label '250 g'.",
        "1024x1024",
        ["Dark Roast No. 5", "Smooth, bold, fair trade", "250 g"],
        {"coffee cup": 2},
    ),
    BriefCase(
        "slide-quarterly",
        "A 16:9 slide titled 'Q3 Results' with the subtitle 'Revenue up 24% year over year'. "
        "Add three trophies on the right. Footer 'Confidential - internal use only'.",
        "1920x1088",
        ["Q3 Results", "Revenue up 24% year over year", "Confidential - internal use only"],
        {"trophy": 3},
    ),
    BriefCase(
        "spring-banner",
        "A social banner for a spring sale, 1536x512, pale green background. Headline 'SPRING SALE' and the "
        "subheading 'Up to 50% off everything'. Seven pink flowers along the bottom.",
        "1536x512",
        ["SPRING SALE", "Up to 50% off everything"],
        {"flower": 7},
    ),
    BriefCase(
        "winter-flyer",
        "Event flyer: 'Winter Market' as the headline, 'December 14, 5 PM to 10 PM' below it, and twelve "
        "snowflakes scattered above the headline. Dark navy background, white text.",
        "768x1152",
        ["Winter Market", "December 14, 5 PM to 10 PM"],
        {"snowflake": 12},
    ),
    BriefCase(
        "valentine-card",
        "A card with 'Be Mine' in red and a pair of hearts. Light pink background.",
        "1024x1024",
        ["Be Mine"],
        {"heart": 2},
    ),
    BriefCase(
        "apple-orchard",
        "Farm stand sign: 'Fresh Apples' headline, 'Picked this morning' subtitle, a dozen green apples "
        "below the headline, and the price label '$2 per pound'.",
        "1024x1024",
        ["Fresh Apples", "Picked this morning", "$2 per pound"],
        {"apple": 12},
    ),
    BriefCase(
        "cat-cafe",
        "Poster for a cat cafe: 'Whisker Lounge' at the top, 'Open daily from 9 AM' under it and 4 cats "
        "in the middle. Warm beige background.",
        "1024x1024",
        ["Whisker Lounge", "Open daily from 9 AM"],
        {"cat": 4},
    ),
    BriefCase(
        "forest-run",
        "A poster for a 10 km charity run: 'Forest Run 2025', tagline 'Every step plants a tree', "
        "and nine trees across the bottom on a forest green background.",
        "768x1152",
        ["Forest Run 2025", "Every step plants a tree"],
        {"tree": 9},
    ),
    BriefCase(
        "french-bistro",
        "Affiche de bistro : titre « Café de la Gare », sous-titre « Cuisine maison et vins fins », "
        "with 6 coffee cups in a row. Background of ivory.",
        "1024x1024",
        ["Café de la Gare", "Cuisine maison et vins fins"],
        {"coffee cup": 6},
    ),
    BriefCase(
        "spanish-fiesta",
        "Cartel de fiesta: headline 'Gran Fiesta de Mañana' and the date 'Sábado 20 de julio'. "
        "Eight stars across the top, orange background.",
        "1024x1024",
        ["Gran Fiesta de Mañana", "Sábado 20 de julio"],
        {"star": 8},
    ),
    BriefCase(
        "german-market",
        "Plakat für einen Weihnachtsmarkt: headline „Weihnachtsmarkt am Dom“ and the footer „Täglich ab 11 Uhr“. "
        "Five candles in the center, dark red background.",
        "768x1152",
        ["Weihnachtsmarkt am Dom", "Täglich ab 11 Uhr"],
        {"candle": 5},
    ),
    BriefCase(
        "russian-concert",
        "Концертная афиша: headline «Весенний концерт», subtitle «Вход свободный». Show four birds at the top "
        "on a light blue background.",
        "1024x1024",
        ["Весенний концерт", "Вход свободный"],
        {"bird": 4},
    ),
    BriefCase(
        "chinese-new-year",
        "春节海报 with the headline「新年快乐」and the subtitle「恭喜发财」on a red background. "
        "Eight gifts along the bottom.",
        "1024x1024",
        ["新年快乐", "恭喜发财"],
        {"gift": 8},
    ),
    BriefCase(
        "arabic-ramadan",
        'Ramadan greeting poster: headline "رمضان كريم" in gold on a deep navy background, '
        'with one moon in the top-right corner and the footer "Ramadan 2025".',
        "768x1152",
        ["رمضان كريم", "Ramadan 2025"],
        {"moon": 1},
    ),
    BriefCase(
        "bilingual-opening",
        "A bilingual opening poster: the Chinese headline「盛大开业」and the English headline 'GRAND OPENING' "
        "under it, then 'Saturday 10 AM'. Six balloons in the middle.",
        "1024x1024",
        ["盛大开业", "GRAND OPENING", "Saturday 10 AM"],
        {"balloon": 6},
    ),
    BriefCase(
        "bilingual-arabic",
        "Welcome sign with the Arabic title 'أهلا وسهلا' and the English subtitle 'Welcome to our home', "
        "three flowers below the subtitle, white background.",
        "1024x1024",
        ["أهلا وسهلا", "Welcome to our home"],
        {"flower": 3},
    ),
    BriefCase(
        "fish-market",
        'A seafood market sign, headline "Today\'s Catch", body "Caught at dawn, sold by noon, gone by dinner", '
        "with 10 fish in a grid. Teal background.",
        "1024x1024",
        ["Today's Catch", "Caught at dawn, sold by noon, gone by dinner"],
        {"fish": 10},
    ),
    BriefCase(
        "rocket-launch",
        "Landscape tech poster: 'Launch Week' title, 'Five new features in five days' subtitle, "
        "and 5 rockets across the top. Brand blue #1F4FFF.",
        "1536x864",
        ["Launch Week", "Five new features in five days"],
        {"rocket": 5},
    ),
    BriefCase(
        "cupcake-party",
        "Kids party invite: 'Sam Turns 7!' headline, 'Sunday at 2 PM, 14 Oak Street' below it, "
        "seven cupcakes in the middle and 7 balloons at the top. Light yellow background.",
        "768x1152",
        ["Sam Turns 7!", "Sunday at 2 PM, 14 Oak Street"],
        {"cupcake": 7, "balloon": 7},
    ),
    BriefCase(
        "autumn-leaves",
        "Autumn festival poster with the title 'Harvest Fest' and the caption 'Cider, pies and hayrides'. "
        "Fifteen orange leaves scattered around the middle. Background of deep brown.",
        "1024x1024",
        ["Harvest Fest", "Cider, pies and hayrides"],
        {"leaf": 15},
    ),
    BriefCase(
        "sunny-day",
        "A minimal square poster: one sun in the top-left corner and the headline 'Hello Summer' centered. "
        "Sky blue background.",
        "1024x1024",
        ["Hello Summer"],
        {"sun": 1},
    ),
    BriefCase(
        "gift-shop",
        "A holiday sale banner: headline 'Holiday Gift Guide', button label 'Shop now', and 4 gifts on the left. "
        "Use 1536x512, dark green background.",
        "1536x512",
        ["Holiday Gift Guide", "Shop now"],
        {"gift": 4},
    ),
    BriefCase(
        "book-club",
        "Book club flyer: 'Readers Circle' as the title, body text 'Join us every first Thursday to talk about "
        "one great book', footer 'Free entry, all welcome'. Stack of 3 books under the title. "
        "5 minutes walk from the station.",
        "768x1152",
        ["Readers Circle", "Join us every first Thursday to talk about one great book", "Free entry, all welcome"],
        {"book": 3},
    ),
    BriefCase(
        "trophy-awards",
        "Awards night slide: title 'Team Awards 2025', subtitle 'Celebrating a record year', "
        "with eleven trophies in a grid and a gold accent.",
        "1920x1088",
        ["Team Awards 2025", "Celebrating a record year"],
        {"trophy": 11},
    ),
    BriefCase(
        "pizza-night",
        "Restaurant promo, square format, 1080x1080: headline 'Pizza Friday' in white on a tomato red background, "
        "two pizzas below the headline, price tag 'Any large pizza $12'.",
        "1088x1088",
        ["Pizza Friday", "Any large pizza $12"],
        {"pizza": 2},
    ),
    BriefCase(
        "bird-watch",
        "Nature walk poster: heading 'Dawn Chorus Walk', then 'Meet at the north gate at 6:30 AM'. "
        "Twenty birds across the top, pale yellow background, 50% of proceeds to the park.",
        "1024x1024",
        ["Dawn Chorus Walk", "Meet at the north gate at 6:30 AM"],
        {"bird": 20},
    ),
    BriefCase(
        "study-hall",
        "A portrait poster with at most 2 lines of text: the headline 'Quiet Study Hall' and "
        "'Open 24 hours during exams', plus 2 lamps below the headline.",
        "768x1152",
        ["Quiet Study Hall", "Open 24 hours during exams"],
        {"lamp": 2},
    ),
]

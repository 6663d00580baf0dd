import pytest

from shpalta.ukrainian.slugs import slugify_uk

# Examples from the official KMU-2010 table (Resolution No. 55 of 27 January 2010).
KMU_2010_EXAMPLES = [
    ("Алушта", "alushta"),
    ("Борщагівка", "borshchahivka"),
    ("Вінниця", "vinnytsia"),
    ("Гадяч", "hadiach"),
    ("Згорани", "zghorany"),
    ("Ґалаґан", "galagan"),
    ("Дон", "don"),
    ("Рівне", "rivne"),
    ("Єнакієве", "yenakiieve"),
    ("Наєнко", "naienko"),
    ("Житомир", "zhytomyr"),
    ("Закарпаття", "zakarpattia"),
    ("Медвин", "medvyn"),
    ("Іршава", "irshava"),
    ("Їжакевич", "yizhakevych"),
    ("Кадиївка", "kadyivka"),
    ("Йосипівка", "yosypivka"),
    ("Стрий", "stryi"),
    ("Олексій", "oleksii"),
    ("Київ", "kyiv"),
    ("Лебедин", "lebedyn"),
    ("Миколаїв", "mykolaiv"),
    ("Ніжин", "nizhyn"),
    ("Одеса", "odesa"),
    ("Полтава", "poltava"),
    ("Ромни", "romny"),
    ("Суми", "sumy"),
    ("Тетерів", "teteriv"),
    ("Ужгород", "uzhhorod"),
    ("Фастів", "fastiv"),
    ("Харків", "kharkiv"),
    ("Біла Церква", "bila-tserkva"),
    ("Чернівці", "chernivtsi"),
    ("Шостка", "shostka"),
    ("Гоща", "hoshcha"),
    ("Щербухи", "shcherbukhy"),
    ("Юрій", "yurii"),
    ("Корюківка", "koriukivka"),
    ("Яготин", "yahotyn"),
    ("Костянтин", "kostiantyn"),
    ("Знам'янка", "znamianka"),
    ("Феодосія", "feodosiia"),
    ("Розгон", "rozghon"),
    ("Короп'є", "koropie"),
    ("Мар'їне", "marine"),
]


@pytest.mark.parametrize(("ukrainian", "latin"), KMU_2010_EXAMPLES)
def test_slugify_uk_follows_kmu_2010_table(ukrainian, latin):
    assert slugify_uk(ukrainian) == latin


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Умєров: Південна Корея — «ув’язнені»", "umierov-pivdenna-koreia-uviazneni"),
        ("Знам’янка", "znamianka"),
        ("Знамʼянка", "znamianka"),
        ("Мар‘їне", "marine"),
        ("Мар`їне", "marine"),
        ("Київ/Kyiv", "kyiv-kyiv"),
        ("Ціни на м’ясо зросли на 12 %", "tsiny-na-miaso-zrosly-na-12"),
        ("«»!?", ""),
    ],
)
def test_slugify_uk_normalises_apostrophes_and_punctuation(headline, slug):
    assert slugify_uk(headline) == slug


def test_slugify_uk_cuts_long_headlines_at_a_word_boundary():
    slug = slugify_uk("Дуже довгий заголовок " * 10)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.split("-")[-1] in {"duzhe", "dovhyi", "zaholovok"}

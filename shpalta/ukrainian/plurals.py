"""Ukrainian plural forms: 1 голос, 2 голоси, 5 голосів; 21 голос, 111 голосів."""


def plural_form(n: int, one: str, few: str, many: str) -> str:
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def votes_phrase(n: int) -> str:
    return f"{n} {plural_form(n, 'голос', 'голоси', 'голосів')}"

"""The rule the article admin enforces before a story with a library photo goes out."""


def lead_image_problem(image) -> str | None:
    if image is not None and not image.alt_text.strip():
        return (
            f"Фото «{image.title}» не має опису для незрячих читачів (alt). Додайте опис "
            "у фотобібліотеці: без нього статтю з цим фото не можна опублікувати."
        )
    return None

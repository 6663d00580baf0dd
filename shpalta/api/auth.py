"""Editors' API tokens: `Authorization: Bearer shp_…`, permission-checked like the admin."""

from ninja.errors import HttpError
from ninja.security import HttpBearer

from .tokens import api_token_user


class TokenAuth(HttpBearer):
    openapi_description = (
        "API-токен редактора: `shpalta api_token_create <користувач>`. Права ті самі, що в адмінці."
    )

    def authenticate(self, request, token):
        return api_token_user(token=token)


def require_perm(request, permission: str) -> None:
    """The same permission the admin would ask for the same change."""
    if not request.auth.has_perm(permission):
        raise HttpError(403, f"Недостатньо прав: потрібен дозвіл «{permission}».")


token_auth = TokenAuth()

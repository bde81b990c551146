# One image for web, worker, beat and migrate (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml ./
# Dependencies first, in a layer of their own, so a code change does not reinstall them. The project packages no
# modules (pyproject: packages = []), so installing it installs exactly its dependencies.
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install .

FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH="/venv/bin:$PATH" DJANGO_SETTINGS_MODULE=config.settings
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin guides
COPY --from=build /venv /venv
WORKDIR /app
# The code stays owned by root: the app user can write only var/ and media/.
COPY . .
# Catalogs compiled and static files hashed and compressed at build time (whitenoise serves them); gettext is
# needed for this step only. The key exists only for these commands.
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && apt-get purge -y gettext && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* \
    && mkdir -p var media && chown guides:guides var media
USER guides
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "-c", "config/gunicorn.py"]

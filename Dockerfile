# caredesk's production profile in a container (README: "Running for real"). Never built where
# caredesk is developed (no Docker engine there); tests/production/test_container_files.py builds
# the package from what it copies, and the same commands run there natively.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CAREDESK_DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY caredesk ./caredesk
RUN pip install --no-cache-dir -c constraints.txt . \
    && useradd --system --create-home --home-dir /data caredesk

USER caredesk
EXPOSE 8000 2525
# Web processes ($WEB_CONCURRENCY), task workers ($WORKER_CONCURRENCY) and the SMTP receiver.
CMD ["caredesk", "serve", "--profile", "production", "--host", "0.0.0.0", "--port", "8000", "--smtpd-port", "2525"]

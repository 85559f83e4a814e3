# fazhi-lake: one image for the Prefect server and the workers (compose.yaml runs both).
#   docker build -t fazhi-lake .
#   docker run --rm -v fazhi-warehouse:/data fazhi-lake fazhi run      # the bundled sample site
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FAZHI_DATA_DIR=/data \
    FAZHI_REPO_DIR=/app \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    DO_NOT_TRACK=1

RUN useradd --create-home --uid 1000 fazhi && mkdir -p /app /data /prefect \
    && chown fazhi /app /data /prefect
WORKDIR /app
# Dependencies first, so editing the code does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p fazhi flows && touch fazhi/__init__.py flows/__init__.py \
    && pip install --progress-bar off . \
    && pip uninstall -y fazhi-lake
# owned by the user that runs: `prefect deploy` writes its state beside deploy/prefect.yaml
COPY --chown=fazhi . .
# Editable: the deployments of deploy/prefect.yaml name flow files of this checkout (FAZHI_REPO_DIR).
RUN pip install --progress-bar off --no-deps -e .
USER fazhi
VOLUME ["/data"]
EXPOSE 4200
CMD ["fazhi", "--help"]

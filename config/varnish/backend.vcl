# The web service as docker-compose names it. Tests and bench/ put their own backend.vcl first on vcl_path.
backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .request = "GET /robots.txt HTTP/1.1" "Host: localhost" "X-Forwarded-Proto: https" "Connection: close";
        .interval = 10s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

// Starts Swagger UI on /docs with this gateway's schema (served from here: no CDN, no inline script).
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });

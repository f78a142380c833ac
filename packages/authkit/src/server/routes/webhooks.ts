import type { App } from '../app-env.js';

/** Webhook endpoints and their deliveries (`/orgs/{orgId}/webhooks`, `/admin/webhooks`). */
export function registerWebhookRoutes(app: App): void {
  void app;
}

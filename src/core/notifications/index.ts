export { type NotificationAdapter, type OutgoingMessage, recordingAdapter, webhookAdapter } from './adapters.ts';
export {
  deliverPendingNotifications,
  enqueueNotification,
  listNotifications,
  type Notification,
  type NotificationInput,
  notificationInsert,
} from './outbox.ts';
export { type NotificationTemplate, registerNotificationTemplates, renderNotification } from './templates.ts';

import { createApp } from './server.js';

const port = Number(process.env.PORT ?? 8080);
const app = createApp({
  serviceName: process.env.SERVICE_NAME ?? '${{ values.name }}',
  version: process.env.SERVICE_VERSION ?? '0.1.0',
});

app.server.listen(port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', port }));
});

// Kubernetes sends SIGTERM and waits terminationGracePeriodSeconds (30 s by default): fail readiness,
// finish the requests in flight, then exit. A second signal or a stuck connection forces the exit.
function shutdown(signal: string): void {
  console.log(JSON.stringify({ level: 'info', msg: 'shutting down', signal }));
  app.markNotReady();
  app.server.close(() => process.exit(0));
  app.server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));

export { createDiscovery, type Discovery, type DiscoveryDeps } from './discovery.service';
export { registerDiscoveryRoutes } from './discovery.routes';

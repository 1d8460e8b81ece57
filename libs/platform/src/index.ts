/** The whole service as one Nest module, shared by the api and worker apps (and the e2e tests). */
export { AppModule, type AppModuleOptions } from './app.module';
export { FEATURE_MODULES } from './feature-modules';

export * from './pure';
export { CryptoModule } from './crypto.module';

export { PiiCipher } from './pii-cipher';
export { CryptoModule } from './crypto.module';
export { maskBankNumber, maskIdNumber, maskPersonalNumbers } from './masking';

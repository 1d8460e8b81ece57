import { Global, Module } from '@nestjs/common';
import { AppConfig, required } from '@wage/config';
import { PiiCipher } from './pii-cipher';

@Global()
@Module({
  providers: [
    { provide: PiiCipher, inject: [AppConfig], useFactory: (c: AppConfig) => new PiiCipher(required(c.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY')) },
  ],
  exports: [PiiCipher],
})
export class CryptoModule {}

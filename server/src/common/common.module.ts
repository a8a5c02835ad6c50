import { Global, Module } from '@nestjs/common';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Transactions } from '../database/transactions.js';
import { Clock } from './clock.js';

/** Infrastructure every feature module uses: the clock, transactions, the field cipher. */
@Global()
@Module({ providers: [Clock, Transactions, FieldCipher], exports: [Clock, Transactions, FieldCipher] })
export class CommonModule {}

import { Injectable } from '@nestjs/common';

/** The time source every service asks, so tests can move time (deadlines, rate limits). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

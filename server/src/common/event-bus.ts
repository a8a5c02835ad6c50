// One in-transaction dispatch of domain events. A module that records what happened publishes the
// event inside its transaction; the modules that react subscribe at start-up and write their rows with
// the same transaction's manager. So a reaction is stored exactly when the change is (a rolled-back
// change sends nothing), and the module that publishes imports none of the modules that react.
//
// Written here rather than taken from @nestjs/event-emitter: that emitter runs listeners outside the
// caller's transaction and cannot hand them its EntityManager, which is the whole point.
import type { EntityManager } from 'typeorm';

export type Subscriber<E> = (tx: EntityManager, event: E) => Promise<void>;

export class EventBus<M extends { [K in keyof M]: { type: K } }> {
  private readonly subscribers = new Map<keyof M, Array<Subscriber<never>>>();

  /** Reactions run in the order they subscribed; one that throws rolls the whole transaction back. */
  on<K extends keyof M>(type: K, subscriber: Subscriber<M[K]>): void {
    const list = this.subscribers.get(type) ?? [];
    list.push(subscriber as Subscriber<never>);
    this.subscribers.set(type, list);
  }

  /** Several types, one reaction (each type's event as its own type). */
  onEach<K extends keyof M>(types: readonly K[], subscriber: Subscriber<M[K]>): void {
    for (const type of types) this.on(type, subscriber);
  }

  async publish<K extends keyof M>(tx: EntityManager, event: M[K]): Promise<void> {
    for (const subscriber of this.subscribers.get(event.type as K) ?? []) await (subscriber as Subscriber<M[K]>)(tx, event);
  }

  /** Who reacts to what, for the architecture document's test and for debugging. */
  subscriberCount(type: keyof M): number {
    return this.subscribers.get(type)?.length ?? 0;
  }
}

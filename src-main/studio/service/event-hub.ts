import type { EventName, StudioEventListener, StudioEvents } from '../../contract';

/** The studio's events to every open window (each transport subscribes once per window). */
export class EventHub {
  private readonly listeners = new Set<StudioEventListener>();

  subscribe(listener: StudioEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: StudioEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A window that went away must not stop the others hearing.
      }
    }
  }
}

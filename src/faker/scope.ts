/**
 * The object being filled, so fields can agree with each other: displayName with firstName and
 * lastName, postcode with state, modifiedDate after createdDate, an order's customerId with its
 * customer's id.
 */
import type { Place } from './flavour.js';

export interface Person {
  firstName: string;
  lastName: string;
}

export class Scope {
  /** The properties filled so far, in schema order. */
  readonly values: Record<string, unknown> = {};
  private person?: Person;
  private place?: Place;

  /**
   * @param sharesIdentity true for a part of the parent's entity (a `name`, an `address`), which
   *   shares its person and place; false for an entity of its own (array items, objects with an id).
   */
  constructor(
    readonly parent: Scope | undefined,
    readonly typeName: string | undefined,
    private readonly sharesIdentity: boolean,
  ) {}

  personOr(make: () => Person): Person {
    const owner = this.owner();
    return (owner.person ??= make());
  }

  placeOr(make: () => Place): Place {
    const owner = this.owner();
    return (owner.place ??= make());
  }

  /** A property already filled on the nearest enclosing object of the given DTO type. */
  ancestorValue(typeName: string, property: string): unknown {
    const wanted = typeName.toLowerCase();
    for (let s = this.parent; s; s = s.parent) {
      if (s.typeName?.toLowerCase() === wanted) return s.values[property];
    }
    return undefined;
  }

  private owner(): Scope {
    return this.sharesIdentity && this.parent ? this.parent.owner() : this;
  }
}

// Keys that come from files are data: setOwn stores `obj[key] = value` as an own property, "__proto__" included.

/**
 * Sets `obj[key] = value` as an own, enumerable data property. Plain assignment would treat "__proto__" as the
 * prototype setter: the value would vanish from Object.keys and strict checks would never see the key.
 */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

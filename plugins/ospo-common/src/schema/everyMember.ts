/**
 * Checks at compile time that a hand-kept list names every member of the
 * string union `T` (an enum of the OpenAPI spec) and nothing else, so that a
 * status added to the spec cannot be forgotten in a list a form or a legend
 * offers. Called as `everyMember<Status>()([...])`, as the list's type must be
 * inferred while `T` is given.
 *
 * @internal
 */
export function everyMember<T extends string>() {
  return <const L extends readonly T[]>(
    list: L &
      ([Exclude<T, L[number]>] extends [never]
        ? unknown
        : { missing: Exclude<T, L[number]> }),
  ): readonly T[] => list;
}

/**
 * A response held back until the test opens it, so that a loading state can
 * be checked however slowly the machine renders (a fixed delay loses that
 * race on a busy CI machine).
 */
export function gate(): { passed: Promise<void>; open: () => void } {
  let open = () => {};
  const passed = new Promise<void>(resolve => {
    open = resolve;
  });
  return { passed, open };
}

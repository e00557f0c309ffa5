import { Fragment } from 'react';

/**
 * Text whose `backticked` parts are set as code, as the metric definitions
 * write field names such as `spec.owner`.
 */
export function InlineCode(props: { text: string }) {
  const parts = props.text.split('`');
  // An unmatched backtick leaves an even number of parts: show it as it is.
  if (parts.length % 2 === 0) {
    return <>{props.text}</>;
  }
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <code key={index}>{part}</code>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

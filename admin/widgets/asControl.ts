/**
 * Decap validates a widget through a ref to its control (`isValid`), which a
 * function component cannot hold: this wraps one in the class Decap expects.
 * Range and pattern checks stay Decap's own (from the field's config).
 */
import { Component, createElement as h, type FunctionComponent } from 'react';

export function asControl<P extends object>(Control: FunctionComponent<P>): new (props: P) => Component<P> {
  return class WidgetControl extends Component<P> {
    isValid(): boolean {
      return true;
    }

    render() {
      return h(Control, this.props);
    }
  };
}

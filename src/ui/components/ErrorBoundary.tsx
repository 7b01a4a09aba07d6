// Catches a render error below it and draws `fallback(error)` instead, so one broken output or cell never blanks the page.
import { Component, type ReactNode } from "react";

export interface ErrorBoundaryProps {
  fallback: (error: Error) => ReactNode;
  /** A new value (e.g. the output object after an edit or re-run) clears a caught error and renders the children again. */
  resetKey?: unknown;
  children?: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

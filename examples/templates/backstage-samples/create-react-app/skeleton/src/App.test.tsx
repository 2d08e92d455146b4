import { render, screen } from '@testing-library/react';
import App from './App';

test('shows the site name', () => {
  render(<App />);
  expect(screen.getByRole('heading', { name: ${{ values.component_id | dump }} })).toBeInTheDocument();
});

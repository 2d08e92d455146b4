const name = ${{ values.component_id | dump }};
const description: string = ${{ (values.description or "") | dump }};

export default function App() {
  return (
    <main>
      <h1>{name}</h1>
      {description ? <p>{description}</p> : null}
    </main>
  );
}

//! The smallest Yew app: one function component with one state hook and one callback, rendered
//! into the body. With the `json` feature, it also reads and writes a derived struct with
//! serde_json at every render. `scripts/yew-floor.sh` builds and weighs it.

use yew::prelude::*;

#[cfg(feature = "json")]
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Note {
    id: String,
    body: String,
    created_ms: u64,
    tags: Vec<String>,
}

#[function_component(App)]
fn app() -> Html {
    let count = use_state(|| 0u32);
    let on_add = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    #[cfg(feature = "json")]
    let text = {
        let input = format!(r#"[{{"id":"n{}","body":"","created_ms":1,"tags":[]}}]"#, *count);
        let notes: Vec<Note> = serde_json::from_str(&input).unwrap_or_default();
        serde_json::to_string(&notes).unwrap_or_default()
    };
    #[cfg(not(feature = "json"))]
    let text = count.to_string();
    html! {
        <div>
            <button onclick={on_add}>{ "+" }</button>
            <p>{ text }</p>
        </div>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}

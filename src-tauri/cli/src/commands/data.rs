//! `octoscope data`: the workspace's tables, a page at a time, and CSV exports of them.

use octoscope_engine::EngineError;
use octoscope_engine::store::Store;
use octoscope_engine::store::browse::{TablePage, tables};
use octoscope_engine::workspace::Workspace;

use crate::args::{DataAction, DataArgs};
use crate::output::{count, print_json};

pub async fn run(workspace: &Workspace, args: DataArgs) -> Result<u8, EngineError> {
    if let DataAction::Tables = args.action {
        let list = tables();
        if args.json {
            print_json(&list);
        } else {
            for table in &list {
                println!("{:<20} {}", table.name, table.description);
            }
        }
        return Ok(0);
    }
    let store = Store::open(workspace).await?;
    let result = match args.action {
        DataAction::Tables => Ok(()),
        DataAction::Show { table, offset, limit } => store.browse(&table, offset, limit).await.map(|page| {
            if args.json {
                print_json(&page);
            } else {
                print_page(&page);
            }
        }),
        DataAction::Export { table, out } => store.export_table_csv(&table, &out).await.map(|rows| {
            if args.json {
                print_json(&serde_json::json!({ "table": table, "rows": rows, "path": out }));
            } else {
                println!("Wrote {} rows of {table} to {}.", count(rows), out.display());
            }
        }),
    };
    store.close().await;
    result.map(|()| 0)
}

/// Tab-separated, NULL as an empty field, long values cut so a page stays readable.
fn print_page(page: &TablePage) {
    const WIDEST: usize = 60;
    println!("{}", page.columns.join("\t"));
    for row in &page.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|value| {
                let text = value.as_deref().unwrap_or("").replace(['\t', '\n'], " ");
                if text.chars().count() > WIDEST {
                    format!("{}…", text.chars().take(WIDEST).collect::<String>())
                } else {
                    text
                }
            })
            .collect();
        println!("{}", cells.join("\t"));
    }
    let shown_to = page.offset + page.rows.len() as i64;
    eprintln!("rows {}-{} of {} in {}", page.offset + 1, shown_to, count(page.total.max(0) as u64), page.table);
}

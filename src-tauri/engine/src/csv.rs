//! CSV as RFC 4180 has it, for the chart and table exports.

/// One CSV line (with its newline): fields quoted when they hold a comma, a quote or a line break.
pub fn csv_row(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() })
        .collect();
    quoted.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let fields = ["plain", "a,b", "say \"hi\"", "two\nlines"].map(str::to_owned);
        assert_eq!(csv_row(&fields), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
    }
}

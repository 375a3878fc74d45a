//! Developer tool: prints `pos type` for every node (gc type names, gc
//! positions) or the errors of the given files, for diffing against gc's
//! own syntax package. Usage: `gc_dump pos|errs|count FILE|DIR...`.

use std::path::PathBuf;

use go_syntax::{DeclKind, ExprKind, File, Node, StmtKind, collect_go_files, parse_file};

fn type_name(f: &File, n: Node) -> &'static str {
    match n {
        Node::Field(_) => "Field",
        Node::Decl(d) => match f.decl(d).kind {
            DeclKind::Import { .. } => "ImportDecl",
            DeclKind::Const { .. } => "ConstDecl",
            DeclKind::Type { .. } => "TypeDecl",
            DeclKind::Var { .. } => "VarDecl",
            DeclKind::Func { .. } => "FuncDecl",
        },
        Node::Stmt(s) => match f.stmt(s).kind {
            StmtKind::Empty => "EmptyStmt",
            StmtKind::Labeled { .. } => "LabeledStmt",
            StmtKind::Block { .. } => "BlockStmt",
            StmtKind::Expr { .. } => "ExprStmt",
            StmtKind::Send { .. } => "SendStmt",
            StmtKind::Decl { .. } => "DeclStmt",
            StmtKind::Assign { .. } => "AssignStmt",
            StmtKind::Branch { .. } => "BranchStmt",
            StmtKind::Call { .. } => "CallStmt",
            StmtKind::Return { .. } => "ReturnStmt",
            StmtKind::If { .. } => "IfStmt",
            StmtKind::For { .. } => "ForStmt",
            StmtKind::Switch { .. } => "SwitchStmt",
            StmtKind::Select { .. } => "SelectStmt",
            StmtKind::Range { .. } => "RangeClause",
            StmtKind::CaseClause { .. } => "CaseClause",
            StmtKind::CommClause { .. } => "CommClause",
        },
        Node::Expr(e) => match f.expr(e).kind {
            ExprKind::Bad => "BadExpr",
            ExprKind::Name(_) => "Name",
            ExprKind::BasicLit { .. } => "BasicLit",
            ExprKind::CompositeLit { .. } => "CompositeLit",
            ExprKind::KeyValue { .. } => "KeyValueExpr",
            ExprKind::FuncLit { .. } => "FuncLit",
            ExprKind::Paren { .. } => "ParenExpr",
            ExprKind::Selector { .. } => "SelectorExpr",
            ExprKind::Index { .. } => "IndexExpr",
            ExprKind::Slice { .. } => "SliceExpr",
            ExprKind::Assert { .. } => "AssertExpr",
            ExprKind::TypeSwitchGuard { .. } => "TypeSwitchGuard",
            ExprKind::Operation { .. } => "Operation",
            ExprKind::Call { .. } => "CallExpr",
            ExprKind::List { .. } => "ListExpr",
            ExprKind::ArrayType { .. } => "ArrayType",
            ExprKind::SliceType { .. } => "SliceType",
            ExprKind::DotsType { .. } => "DotsType",
            ExprKind::StructType { .. } => "StructType",
            ExprKind::FuncType { .. } => "FuncType",
            ExprKind::InterfaceType { .. } => "InterfaceType",
            ExprKind::MapType { .. } => "MapType",
            ExprKind::ChanType { .. } => "ChanType",
        },
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((mode, rest)) = args.split_first() else {
        eprintln!("usage: gc_dump pos|errs|count FILE|DIR...");
        std::process::exit(2);
    };
    let paths: Vec<PathBuf> = rest.iter().map(PathBuf::from).collect();
    for p in collect_go_files(&paths)? {
        let src = std::fs::read(&p)?;
        let name = p.to_string_lossy();
        let (file, errs) = parse_file(&name, &src);
        match mode.as_str() {
            "errs" => {
                for e in &errs {
                    println!("{}", file.format_error(e));
                }
            }
            "count" => println!("{} {}", name, errs.len()),
            _ => {
                if file.pkg_name.is_none() || !errs.is_empty() {
                    continue;
                }
                file.walk(|n| println!("{} *syntax.{}", file.gc_pos(n), type_name(&file, n)));
            }
        }
    }
    Ok(())
}

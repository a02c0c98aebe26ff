package models

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gorm.io/gorm/schema"
)

// rowInsert is the INSERT of rows of one model, written from the model's GORM schema (the columns
// GORM's Create writes), with its values read from each row by the schema's fields. It skips what
// Create does per row besides (callbacks, hooks, statement building), most of the processor time
// of a small INSERT, for the rows of the hot write path.
type rowInsert struct {
	table  string
	cols   string
	fields []*schema.Field
	texts  sync.Map // rows -> the statement's text
}

// newRowInsert returns the INSERT of model's rows; model is a pointer to a zero value.
func newRowInsert(model any) *rowInsert {
	s, err := schema.Parse(model, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(err)
	}
	ri := &rowInsert{table: s.Table}
	var cols []string
	for _, f := range s.Fields {
		if f.DBName == "" || !f.Creatable {
			continue
		}
		ri.fields = append(ri.fields, f)
		cols = append(cols, `"`+f.DBName+`"`)
	}
	ri.cols = strings.Join(cols, ",")
	return ri
}

// sql returns the statement that inserts rows rows, with PostgreSQL's numbered parameters.
func (ri *rowInsert) sql(rows int) string {
	if text, ok := ri.texts.Load(rows); ok {
		return text.(string)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `INSERT INTO "%s" (%s) VALUES `, ri.table, ri.cols)
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for i := range ri.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "$%d", r*len(ri.fields)+i+1)
		}
		b.WriteByte(')')
	}
	ri.texts.Store(rows, b.String())
	return b.String()
}

// appendArgs appends the values of row (a pointer to the model) in the order of the columns.
func (ri *rowInsert) appendArgs(args []any, row any) []any {
	rv := reflect.ValueOf(row).Elem()
	for _, f := range ri.fields {
		v, _ := f.ValueOf(context.Background(), rv)
		args = append(args, v)
	}
	return args
}

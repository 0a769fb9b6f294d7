package httpapi

import (
	"reflect"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"zhaoyin"
)

// Opt is an optional query parameter: Set tells an absent parameter from a zero value.
type Opt[T any] struct {
	Value T
	Set   bool
}

func (o Opt[T]) Schema(r huma.Registry) *huma.Schema {
	return huma.SchemaFromType(r, reflect.TypeOf(o.Value))
}

func (o *Opt[T]) Receiver() reflect.Value { return reflect.ValueOf(o).Elem().Field(0) }

func (o *Opt[T]) OnParamSet(isSet bool, _ any) { o.Set = isSet }

// Ptr is the value as a pointer, nil when absent (the shape of zhaoyin filters).
func (o Opt[T]) Ptr() *T {
	if !o.Set {
		return nil
	}
	v := o.Value
	return &v
}

func enumSchema(doc string, values []string) *huma.Schema {
	enum := make([]any, len(values))
	for i, v := range values {
		enum[i] = v
	}
	return &huma.Schema{Type: huma.TypeString, Enum: enum, Description: doc}
}

func labelValues(labels []zhaoyin.Label) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l.Value
	}
	return out
}

func labelDoc(title string, labels []zhaoyin.Label) string {
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = l.Value + " " + l.Label
	}
	return title + "：" + strings.Join(parts, "，")
}

// StageValue is a project stage (lead, negotiating, … dropped).
type StageValue string

func (StageValue) Schema(huma.Registry) *huma.Schema {
	return enumSchema(labelDoc("项目阶段", zhaoyin.StageLabels), labelValues(zhaoyin.StageLabels))
}

// TypeValue is a project type.
type TypeValue string

func (TypeValue) Schema(huma.Registry) *huma.Schema {
	return enumSchema(labelDoc("项目类型", zhaoyin.TypeLabels), labelValues(zhaoyin.TypeLabels))
}

// RoleValue is a user role.
type RoleValue string

func (RoleValue) Schema(huma.Registry) *huma.Schema {
	return enumSchema(labelDoc("角色", zhaoyin.RoleLabels), labelValues(zhaoyin.RoleLabels))
}

// SortValue is a project list order: a field, "-" in front for descending.
type SortValue string

func (SortValue) Schema(huma.Registry) *huma.Schema {
	var fields []string
	for f := range zhaoyin.SortFields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var vals []string
	for _, f := range fields {
		vals = append(vals, f, "-"+f)
	}
	return enumSchema("排序字段，前加 - 表示降序；默认 -updated_at", vals)
}

// GroupByValue is what /stats/projects groups by.
type GroupByValue string

var groupByValues = []string{"region", "type", "chain", "stage", "capital_source"}

func (GroupByValue) Schema(huma.Registry) *huma.Schema {
	return enumSchema("分组方式：region 下一级区域，type 项目类型，chain 产业链，stage 阶段，capital_source 资金来源", groupByValues)
}
